import { useState, type FormEvent } from 'react';
import { useSessionSymbols } from '../feeds/useSessionSymbols';
import { selectSymbol, useSelectedSymbolStore } from '../stores/selectedSymbolStore';

export const SYMBOL_INPUT_ID = 'symbol-input';

/** Type a configured ticker and Enter (or pick from the list): every linked panel follows. */
export function SymbolSelector() {
  const symbols = useSessionSymbols();
  const selected = useSelectedSymbolStore((s) => s.symbol);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wanted = text.trim().toUpperCase();
    if (symbols.some((s) => s.symbol === wanted)) {
      selectSymbol(wanted);
      setText('');
      setError(null);
      (document.activeElement as HTMLElement | null)?.blur();
    } else if (symbols.length === 0) setError('the engine has not sent its symbols yet: press Enter again in a moment');
    else setError(`${wanted || '…'} is not configured`);
  };

  return (
    <form className="header-item symbol-selector" onSubmit={submit} role="search" aria-label="Symbol">
      <span className="selected-symbol strong" data-testid="selected-symbol">
        {selected}
      </span>
      <input
        id={SYMBOL_INPUT_ID}
        data-testid="symbol-input"
        list="configured-symbols"
        placeholder="Symbol ( / )"
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        size={9}
      />
      <datalist id="configured-symbols">
        {symbols.map((s) => (
          <option key={s.symbol} value={s.symbol} />
        ))}
      </datalist>
      {error && (
        <span className="warn" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
