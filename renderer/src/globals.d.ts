declare const __APP_VERSION__: string;
/** True in development and test builds: enables the demo-data filler. */
declare const __DEV_TOOLS__: boolean;
