// Small DOM helpers shared by components that listen on the whole window (the PIN pad, paste to scan).

/** Whether a key or paste event went to a field the user is typing in, which then keeps it. */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, [contenteditable]') !== null;
}
