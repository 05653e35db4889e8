// Branded integers: the compiler refuses to pass an Epoch where a Slot is expected.
// All are plain numbers at run time, so the brands cost nothing on the hot path.

/** Index of a thread's row in the shared clock table, 0..MAX_SLOTS-1. Main thread is 0. */
export type Slot = number & { readonly __brand: 'Slot' };
/** A thread's logical time; 0 means "never", real epochs start at 1. */
export type Epoch = number & { readonly __brand: 'Epoch' };
/** Process-wide id of one instrumented access site (file base + local index); 0 = unknown. */
export type SiteId = number & { readonly __brand: 'SiteId' };
/** Process-wide id of one SharedArrayBuffer, >= 1, the high bits of a reported address. */
export type BufferId = number & { readonly __brand: 'BufferId' };

export const asSlot = (n: number) => n as Slot;
export const asEpoch = (n: number) => n as Epoch;
export const asSite = (n: number) => n as SiteId;
export const asBufferId = (n: number) => n as BufferId;

export const NO_SITE = 0 as SiteId;
