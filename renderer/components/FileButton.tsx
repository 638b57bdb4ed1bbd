// A button that picks one file: the hidden <input type=file> beside it, cleared after each pick so that the same
// file can be chosen again (after fixing it in Excel, say). Tests set the file on the input by its test id.
import { Button, type ButtonProps } from 'antd';
import { useRef } from 'react';

export function FileButton({
  accept,
  testId,
  onFile,
  ...button
}: ButtonProps & { accept: string; testId: string; onFile: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button {...button} onClick={() => input.current?.click()} />
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={testId}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onFile(f);
        }}
      />
    </>
  );
}
