/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** package.json version, defined by vite.config.ts. */
  readonly PACKAGE_VERSION: string;
}
