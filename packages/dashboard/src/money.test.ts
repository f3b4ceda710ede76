import t from 'tap';
import { addDecimals, exactAmount, moneyText } from './money.js';

t.test('stated amounts add up exactly', async (t) => {
  t.equal(addDecimals(['1600000000000', '100000000']), '1600100000000');
  t.equal(addDecimals(['0.1', '0.2']), '0.3', 'no float rounding');
  t.equal(addDecimals(['24.8', '1200']), '1224.8');
  t.equal(addDecimals(['999999999999999999999999', '1']), '1000000000000000000000000');
  t.equal(addDecimals([]), '0');
});

t.test('amounts and ranges in words, per language', async (t) => {
  t.equal(moneyText({ amount: '100000000', currency: 'USD' }, 'en'), 'USD 100 million');
  t.equal(moneyText({ amount: '100000000', currency: 'USD' }, 'id'), 'USD 100 juta');
  t.equal(
    moneyText({ low: '1600000000000', high: '1700000000000', currency: 'IDR' }, 'en'),
    'IDR 1.6–1.7 trillion',
  );
  t.equal(
    moneyText({ low: '1600000000000', high: '1700000000000', currency: 'IDR' }, 'id'),
    'IDR 1,6–1,7 triliun',
  );
  t.equal(
    moneyText({ low: '900000000', high: '1200000000', currency: 'IDR' }, 'en'),
    'IDR 900 million–1.2 billion',
  );
  t.equal(moneyText({ amount: '2500', currency: 'USD' }, 'en'), 'USD 2,500');
  t.equal(exactAmount('1600000000000.5', 'id'), '1.600.000.000.000,5');
});
