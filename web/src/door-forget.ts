/**
 * At logout the door scanner's lists (participants' names and ticket codes, web/src/scanner/door.ts) leave
 * the phone. Scans not yet sent stay queued: they are attendance that happened, and the next staff member
 * who opens the scanner on this phone sends them. Plain IndexedDB here, so the first page does not load idb.
 */
export function forgetDoorLists(): void {
  if (typeof indexedDB === 'undefined') return;
  const open = indexedDB.open('bm-door');
  // No scanner was ever opened on this phone: do not create an empty database (the scanner creates its own).
  open.onupgradeneeded = () => open.transaction?.abort();
  open.onerror = () => undefined;
  open.onsuccess = () => {
    const db = open.result;
    const stores = ['tickets', 'lists'].filter((s) => db.objectStoreNames.contains(s));
    if (stores.length) {
      const tx = db.transaction(stores, 'readwrite');
      for (const s of stores) tx.objectStore(s).clear();
      tx.oncomplete = () => db.close();
      tx.onerror = () => db.close();
    } else db.close();
  };
}
