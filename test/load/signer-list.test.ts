import { describe, expect, it } from 'vitest';
import type { Signer } from '../../src/load/load-signers.js';
import { CompactSignerList } from '../../src/load/signer-list.js';

const signer = (row: number, sender: Signer['sender'], useReturnAddress = false): Signer => ({ row, line: row * 2, useReturnAddress, sender });

describe('CompactSignerList', () => {
  const signers: Signer[] = [
    signer(1, { name: 'Анна Иванова', address: ['ул. Ленина, 5', 'кв. 12'], postcode: '101000', city: 'Москва', country: 'Russia', email: 'anna@example.org' }),
    signer(2, { name: 'Seán O’Brien' }, true),
    signer(3, { name: 'فاطمة', address: ['شارع 9'], city: 'Cairo' }),
  ];
  const list = new CompactSignerList();
  for (const s of signers) list.add(s);

  it('gives back every signer as added, by index and in order', () => {
    expect(list.length).toBe(3);
    expect([...list]).toEqual(signers);
    expect(list.at(1)).toEqual(signers[1]);
    expect(list.at(-1)).toEqual(signers[2]);
    expect(list.at(3)).toBeUndefined();
  });

  it('leaves fields a signer has not given undefined, in one shape for all', () => {
    const sender = list.at(1)!.sender;
    expect(Object.keys(sender)).toEqual(['name', 'address', 'postcode', 'city', 'country', 'email']);
    expect(Object.values(sender).filter((v) => v !== undefined)).toEqual(['Seán O’Brien']);
  });

  it('refuses rows out of order and fields it could not give back', () => {
    expect(() => new CompactSignerList().add(signer(2, { name: 'B' }))).toThrow(/expected 1, got 2/);
    expect(() => new CompactSignerList().add(signer(1, { name: 'A\u001fB' }))).toThrow(/control character/);
    expect(() => new CompactSignerList().add(signer(1, { name: 'A', address: ['x\u001ey'] }))).toThrow(/address line/);
    expect(() => new CompactSignerList().add(signer(1, { name: 'A\ud800' }))).toThrow(/lone surrogate/);
  });

  it('keeps thousands of signers across its chunks, and one longer than a chunk', () => {
    const many = new CompactSignerList();
    const made: Signer[] = [];
    for (let row = 1; row <= 6000; row++) {
      const s = signer(row, { name: `Zoë 🙂 Ivanova ${row} ${'й'.repeat(row % 50)}`, address: [`${row} Lindenstraße`], city: 'Berlin' }, row % 7 === 0);
      if (row === 4000) s.sender.address = ['ü'.repeat(200_000)];
      made.push(s);
      many.add(s);
    }
    expect(many.length).toBe(6000);
    for (const row of [1, 2, 1234, 3999, 4000, 4001, 5999, 6000]) expect(many.at(row - 1)).toEqual(made[row - 1]);
    expect([...many]).toEqual(made);
  });
});
