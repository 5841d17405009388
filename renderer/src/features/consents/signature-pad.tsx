import { ClearOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePadCanvas from 'signature_pad';
import { strokesFromPoints, type Signature } from '../../../../shared/consents/signature';

type SignaturePadProps = {
  label: string;
  onChange: (signature: Signature | undefined) => void;
  /** Why the signature was refused, under the box. */
  error?: string;
  testId: string;
  height?: number;
};

const clamp = (n: number, max: number) => Math.min(Math.max(n, 0), max);

/**
 * One signature box (signature_pad: mouse, pen or touch). The ink is kept as strokes in CSS
 * pixels of the box, which is what is hashed and printed; the canvas itself is drawn at the
 * screen's pixel ratio so that the line stays sharp, and redrawn when the box changes size.
 */
export const SignaturePad = ({
  label,
  onChange,
  error,
  testId,
  height = 180,
}: SignaturePadProps) => {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePadCanvas>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const pad = new SignaturePadCanvas(canvas, { penColor: '#1a1a1a', minWidth: 1, maxWidth: 3 });
    padRef.current = pad;
    const emit = () => {
      const width = canvas.offsetWidth;
      const height = canvas.offsetHeight;
      // A stroke that strays off the box while the button is held is kept on its edge.
      const groups = pad.toData().map((g) => ({
        points: g.points.map((p) => ({ x: clamp(p.x, width), y: clamp(p.y, height) })),
      }));
      const strokes = strokesFromPoints(groups);
      onChangeRef.current(
        strokes.length > 0
          ? { width: Math.round(width), height: Math.round(height), strokes }
          : undefined,
      );
    };
    const resize = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const data = pad.toData();
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      pad.fromData(data);
      if (data.length > 0) emit();
    };
    resize();
    pad.addEventListener('endStroke', emit);
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);
    return () => {
      observer.disconnect();
      pad.removeEventListener('endStroke', emit);
      pad.off();
    };
  }, []);

  const clear = () => {
    padRef.current?.clear();
    onChange(undefined);
  };

  return (
    <Flex vertical gap={4}>
      <Flex justify="space-between" align="baseline">
        <Typography.Text strong>{label}</Typography.Text>
        <Button
          size="small"
          icon={<ClearOutlined />}
          onClick={clear}
          data-testid={`${testId}-clear`}
        >
          {t('consents.signing.pads.clear')}
        </Button>
      </Flex>
      <canvas
        ref={canvasRef}
        className={error ? 'signature-pad signature-pad-error' : 'signature-pad'}
        style={{ height }}
        aria-label={label}
        data-testid={testId}
      />
      <Typography.Text
        type={error ? 'danger' : 'secondary'}
        role={error ? 'alert' : undefined}
        data-testid={error ? `${testId}-error` : undefined}
      >
        {error ?? t('consents.signing.pads.hint')}
      </Typography.Text>
    </Flex>
  );
};
