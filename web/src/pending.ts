/**
 * A registration the person asked for before they could make it (not logged in, or no profile yet). Kept
 * for this tab only: after logging in and completing the profile, the training's page finishes it.
 */
const KEY = 'bm.pendingRegistration';
export const rememberRegistration = (eventId: string) => sessionStorage.setItem(KEY, eventId);
export const pendingRegistration = () => sessionStorage.getItem(KEY);
export const forgetRegistration = () => sessionStorage.removeItem(KEY);
