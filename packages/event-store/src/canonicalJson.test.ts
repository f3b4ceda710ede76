import t from 'tap';
import { canonicalJson } from './canonicalJson.js';

const fromBits = (hex: string): number => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
};

t.test('RFC 8785 §3.2.2 sample: primitives and whitespace', async (t) => {
  const input = {
    // The RFC's literal has more digits than a double holds; parse it as the RFC's reader would.
    numbers: [Number('333333333.33333329'), 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
    string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/',
    literals: [null, true, false],
  };
  t.equal(
    canonicalJson(input),
    '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
      '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
  );
});

t.test('RFC 8785 §3.2.3 sample: keys sorted by UTF-16 code units', async (t) => {
  const input = {
    '\u20ac': 'Euro Sign',
    '\r': 'Carriage Return',
    '\ufb33': 'Hebrew Letter Dalet With Dagesh',
    '1': 'One',
    '\ud83d\ude00': 'Emoji: Grinning Face',
    '\u0080': 'Control',
    '\u00f6': 'Latin Small Letter O With Diaeresis',
  };
  const values = Object.values(JSON.parse(canonicalJson(input)) as Record<string, string>);
  // JSON.parse puts the integer-like key first, so check the order in the text itself.
  const order = [...canonicalJson(input).matchAll(/"([^"]+)":"([^"]+)"/g)].map((m) => m[2]);
  t.same(order, [
    'Carriage Return',
    'One',
    'Control',
    'Latin Small Letter O With Diaeresis',
    'Euro Sign',
    'Emoji: Grinning Face',
    'Hebrew Letter Dalet With Dagesh',
  ]);
  t.equal(values.length, 7);
  // The emoji (U+1F600, surrogates D83D DE00) sorts before U+FB33 by code units, not code points.
  t.ok(canonicalJson(input).indexOf('Emoji') < canonicalJson(input).indexOf('Hebrew'));
});

t.test('RFC 8785 appendix B number serialisation', async (t) => {
  const samples: [string, string][] = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  for (const [bits, expected] of samples) t.equal(canonicalJson(fromBits(bits)), expected, bits);
  t.equal(canonicalJson(1e21), '1e+21');
  t.equal(canonicalJson(1e-7), '1e-7');
  t.equal(canonicalJson(-0), '0');
  t.equal(canonicalJson([-0, 0.1, 100]), '[0,0.1,100]');
  t.throws(() => canonicalJson(fromBits('7fffffffffffffff')), TypeError, 'NaN');
  t.throws(() => canonicalJson(fromBits('7ff0000000000000')), TypeError, 'Infinity');
  t.throws(() => canonicalJson({ a: [Number.NEGATIVE_INFINITY] }), TypeError);
});

t.test('structure: nesting, no whitespace, omitted undefined members', async (t) => {
  t.equal(
    canonicalJson({ b: [1, { d: true, c: null }], a: 'x', u: undefined, e: {}, f: [] }),
    '{"a":"x","b":[1,{"c":null,"d":true}],"e":{},"f":[]}',
  );
  t.equal(canonicalJson('Jakarta Utara — Kawasan “KEK”'), '"Jakarta Utara — Kawasan “KEK”"');
  t.equal(
    canonicalJson({ when: new Date('2025-01-02T03:04:05.000Z') }),
    '{"when":"2025-01-02T03:04:05.000Z"}',
  );
  t.equal(canonicalJson('\ud83d\ude00'), '"😀"', 'a surrogate pair is a valid string');
});

t.test('rejects what JSON cannot carry faithfully', async (t) => {
  t.throws(() => canonicalJson(undefined), TypeError);
  t.throws(() => canonicalJson([1, undefined]), /undefined in array/);
  t.throws(() => canonicalJson(new Array(2)), /undefined in array/, 'holes');
  t.throws(() => canonicalJson({ n: 10n }), /bigint/);
  t.throws(() => canonicalJson({ f: () => 1 }), /function/);
  t.throws(() => canonicalJson([Symbol('s')]), /symbol/);
  t.throws(() => canonicalJson({ s: 'bad \ud800 surrogate' }), /lone surrogate/);
  t.throws(() => canonicalJson({ ['\udc00']: 1 }), /lone surrogate/);
  const cycle: Record<string, unknown> = {};
  cycle['self'] = cycle;
  t.throws(() => canonicalJson(cycle), /cycle/);
  const shared = { x: 1 };
  t.equal(canonicalJson([shared, shared]), '[{"x":1},{"x":1}]', 'shared, non-cyclic refs are fine');
});
