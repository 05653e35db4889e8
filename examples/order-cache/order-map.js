'use strict';
// An open-addressing hash map from order id to the amount charged for it, living in a
// SharedArrayBuffer so that every payment worker sees the same orders. Each slot is two
// Int32s: [order id, cents charged]; order id 0 marks an empty slot.
const CAPACITY = 64;

class OrderMap {
  static byteLength() {
    return CAPACITY * 2 * Int32Array.BYTES_PER_ELEMENT;
  }

  constructor(buffer) {
    this.slots = new Int32Array(buffer, 0, CAPACITY * 2);
  }

  /** Slot index of the order, or of the empty slot where it would go. */
  find(orderId) {
    let i = (orderId * 2654435761) % CAPACITY;
    for (;;) {
      const id = this.slots[2 * i];
      if (id === orderId || id === 0) return i;
      i = (i + 1) % CAPACITY;
    }
  }

  has(orderId) {
    return this.slots[2 * this.find(orderId)] === orderId;
  }

  record(orderId, cents) {
    const i = this.find(orderId);
    this.slots[2 * i] = orderId;
    this.slots[2 * i + 1] += cents;
  }

  charged(orderId) {
    return this.slots[2 * this.find(orderId) + 1];
  }
}

module.exports = { OrderMap };
