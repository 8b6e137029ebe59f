/** Save text as a file (Blob + object URL: nothing leaves the device). */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "interview-2026-11-24-mixed" */
export function reportFileName(createdAt: number, type: string, ext: string): string {
  const d = new Date(createdAt);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return `interview-${day}-${type}.${ext}`;
}
