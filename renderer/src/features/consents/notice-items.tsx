import type { NoticeLine } from '../../../../shared/consents/consent';
import { formatTeeth } from '../../../../shared/consents/teeth';
import { formatYuan, fen } from '../../../../shared/money';
import { coverageParts, noticeWords as w } from './notice-words';

const Amount = ({ value }: { value: number }) => (
  <span className="notice-amount">{formatYuan(fen(value))}</span>
);

/** One item and, under it, why it is used and what else was offered; kept together on a page. */
const ItemRows = ({ line, index }: { line: NoticeLine; index: number }) => (
  <tbody className="notice-item">
    <tr>
      <td className="notice-num">{index + 1}</td>
      <td className="notice-code">{line.code}</td>
      <td className="notice-name">
        {line.name}
        {line.teeth && (
          <div className="notice-teeth" data-testid="notice-teeth">
            {w.teeth} {formatTeeth(line.teeth)}
          </div>
        )}
      </td>
      <td className="notice-cat">{w.category[line.category]}</td>
      <td className="notice-cov">
        {coverageParts(line.coverage, line.selfPayRatioBp).map((part) => (
          <span key={part}>{part}</span>
        ))}
      </td>
      <td className="notice-num">
        <Amount value={line.priceFen} />
      </td>
      <td className="notice-num notice-nowrap">
        {line.quantity}
        {line.unit}
      </td>
      <td className="notice-num">
        <Amount value={line.selfPayFen} />
      </td>
    </tr>
    <tr className="notice-item-why">
      <td />
      <td colSpan={7}>
        <div>
          <b>{w.reason}：</b>
          {line.reason}
        </div>
        <div>
          <b>{w.alternatives}：</b>
          {line.alternatives.kind === 'none' ? w.noAlternative : line.alternatives.text}
        </div>
        {line.restriction && (
          <div>
            <b>{w.restriction}：</b>
            {line.restriction}
          </div>
        )}
      </td>
    </tr>
  </tbody>
);

/** The items table; its header repeats on every printed page. */
export const NoticeItems = ({ lines }: { lines: readonly NoticeLine[] }) => (
  <table className="notice-items">
    <thead>
      <tr>
        <th>{w.columns.index}</th>
        <th>{w.columns.code}</th>
        <th>{w.columns.name}</th>
        <th>{w.columns.category}</th>
        <th>{w.columns.coverage}</th>
        <th>{w.columns.price}</th>
        <th>{w.columns.quantity}</th>
        <th>{w.columns.selfPay}</th>
      </tr>
    </thead>
    {lines.map((line, index) => (
      <ItemRows key={line.plannedItemId} line={line} index={index} />
    ))}
  </table>
);
