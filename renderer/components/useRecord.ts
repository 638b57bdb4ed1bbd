// One loader for every screen that shows what one read channel answers (a case, a household, a batch, a list of
// settings): the value, the refusal to show instead, a reload after a change, and `set` for a mutation's answer.
import { useCallback, useEffect, useState } from 'react';

import type { Channel, Input, Output } from '../../shared/contract';
import type { AppErrorBody } from '../../shared/domain/result';
import { call } from '../api';

export interface Loaded<C extends Channel> {
  value: Output<C> | null;
  error: AppErrorBody | null;
  reload: () => void;
  set: (value: Output<C>) => void;
}

type Answer<C extends Channel> = { key: string; value: Output<C> | null; error: AppErrorBody | null };

export function useRecord<C extends Channel>(channel: C, input: Input<C>): Loaded<C> {
  // The input as text: a page passes a fresh object each render, and only a different value means a new load.
  const key = `${channel} ${JSON.stringify(input)}`;
  const [answer, setAnswer] = useState<Answer<C> | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    void call(channel, JSON.parse(key.slice(channel.length + 1)) as Input<C>).then((r) => {
      if (current) setAnswer({ key, value: r.ok ? r.value : null, error: r.ok ? null : r.error });
    });
    return () => void (current = false);
  }, [channel, key, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const set = useCallback((value: Output<C>) => setAnswer({ key, value, error: null }), [key]);
  // What another input answered is never shown for this one (a reload keeps the current answer until the next).
  const mine = answer?.key === key ? answer : null;
  return { value: mine?.value ?? null, error: mine?.error ?? null, reload, set };
}
