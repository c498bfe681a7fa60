import type { Decider } from '@lastri/kernel';
import { DeciderSpecification } from './decider-specification';

type Event = { type: 'Deposited'; amount: number };
type Command = { type: 'Withdraw'; amount: number };
type Refusal = { type: 'InsufficientFunds'; balance: number };

const account: Decider<Command, Event, number, Refusal> = {
  initialState: 0,
  evolve: (balance, event) => balance + event.amount,
  decide: (command, balance) =>
    command.amount > balance
      ? { type: 'InsufficientFunds', balance }
      : [{ type: 'Deposited', amount: -command.amount }],
};
const spec = DeciderSpecification.for(account);

describe('DeciderSpecification', () => {
  it('passes when the decision is the events expected, and fails when it is not', () => {
    const then = spec
      .given({ type: 'Deposited', amount: 10 })
      .when({ type: 'Withdraw', amount: 4 });

    then.thenEmits({ type: 'Deposited', amount: -4 });
    expect(() => then.thenEmits({ type: 'Deposited', amount: -5 })).toThrow();
    expect(() => then.thenRefuses({ type: 'InsufficientFunds', balance: 10 })).toThrow(
      /expected a refusal/,
    );
  });

  it('passes when the decision is the refusal expected, and fails on events', () => {
    const then = spec.given({ type: 'Deposited', amount: 3 }).when({ type: 'Withdraw', amount: 4 });

    then.thenRefuses({ type: 'InsufficientFunds', balance: 3 });
    then.thenRefuses((refusal) => refusal.balance === 3);
    expect(() => then.thenRefuses((refusal) => refusal.balance === 4)).toThrow();
    expect(() => then.thenEmits()).toThrow(/refused/);
  });
});
