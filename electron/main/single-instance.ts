/** The part of `BrowserWindow` needed to bring it back. */
export type RestorableWindow = {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
};

/**
 * A second launch (a double-click on the desktop icon while the app is minimised) brings the
 * running window forward: two windows on one IndexedDB would fight over the same records.
 */
export const bringToFront = (window: RestorableWindow | undefined): void => {
  if (window === undefined || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
};
