import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { checkAllocation } from '../../../domain/allocation/allocation.ts';
import {
  allocationKeys,
  allocationQuery,
  applyAllocation,
  uploadAllocation,
  type AllocationBase,
  type AllocationFileReport,
  type AllocationMethod,
} from '../../api/allocation.api.ts';
import { errorMessage } from '../../api/api-client.ts';
import { progressKeys } from '../../api/progress.api.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import '../../components/registry/registry.css';
import { AllocationFileProblems, AllocationMethodBar } from './allocation-method.bar.tsx';
import { AllocationSharesTable } from './allocation-shares.table.tsx';
import { AllocationTargetCard } from './allocation-target.card.tsx';
import { AllocationTotalCard } from './allocation-total.card.tsx';
import { SceneHeader } from '../../components/scene-header.tsx';

/**
 * Giao chỉ tiêu: a unit shares its target out to its children — in proportion to a base, equally
 * or by hand, or from an Excel sheet — seeing each child's share and what is left, and is refused
 * (with the numbers) when the shares do not honour its own target.
 */
export default function AllocationScene() {
  const targetId = Number(useParams().targetId);
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [method, setMethod] = useState<AllocationMethod>('proportional');
  const [base, setBase] = useState<AllocationBase>('members');
  const preview = useQuery({
    ...allocationQuery(targetId, base, method === 'manual' ? 'proportional' : method),
    enabled: Number.isInteger(targetId) && targetId > 0,
  });
  const [shares, setShares] = useState<Map<number, number | null>>(new Map());
  const [serverError, setServerError] = useState<string>();
  const [fileReport, setFileReport] = useState<AllocationFileReport>();
  const [saving, setSaving] = useState(false);
  const [allowOver, setAllowOver] = useState(false);
  const data = preview.data;
  useDocumentTitle('Giao chỉ tiêu');

  // A proposal (another base, "chia đều") replaces the shares; typing keeps them as typed.
  useEffect(() => {
    if (data && method !== 'manual') setShares(new Map(data.children.map((c) => [c.unit.id, c.proposed])));
  }, [data, method]);
  const chooseMethod = (next: AllocationMethod) => {
    // "Nhập trực tiếp" starts from what each unit is given today, else from the proposal.
    if (next === 'manual' && data) setShares(new Map(data.children.map((c) => [c.unit.id, c.current ?? c.proposed])));
    setMethod(next);
  };

  const list = useMemo(
    () => (data ? data.children.map((c) => ({ unitId: c.unit.id, value: shares.get(c.unit.id) ?? NaN })) : []),
    [data, shares],
  );
  const check = useMemo(
    () =>
      data
        ? checkAllocation(
            { value: data.target.value, comparator: data.target.comparator, kind: data.target.kind },
            list,
            new Map(data.children.map((c) => [c.unit.id, c.unit.name])),
            { allowOver },
          )
        : null,
    [data, list, allowOver],
  );

  if (preview.isError) return <Alert type="error" showIcon title={errorMessage(preview.error)} />;
  if (!data || !check) return <Spin />;
  const t = data.target;

  const save = () => {
    setServerError(undefined);
    modal.confirm({
      title: `Giao chỉ tiêu cho ${data.children.length} đơn vị trực thuộc?`,
      content: `Mỗi đơn vị sẽ thấy chỉ tiêu được giao trên Tổng quan của mình. Giao lại sau này sẽ ghi phiên bản mới kèm lý do.`,
      okText: 'Giao chỉ tiêu',
      cancelText: 'Hủy',
      onOk: async () => {
        setSaving(true);
        try {
          const result = await applyAllocation(targetId, { method, base, shares: list, allowOver });
          message.success(`Đã giao chỉ tiêu: ${result.created} đơn vị nhận mới, ${result.revised} đơn vị được điều chỉnh.`);
          await Promise.all([
            queryClient.invalidateQueries({ queryKey: allocationKeys.all }),
            queryClient.invalidateQueries({ queryKey: progressKeys.all }),
          ]);
        } catch (error) {
          setServerError(errorMessage(error));
        } finally {
          setSaving(false);
        }
      },
    });
  };

  const onFile = async (file: File) => {
    setServerError(undefined);
    try {
      const report = await uploadAllocation(targetId, file, true);
      setFileReport(report);
      if (report.problems.length === 0) {
        setMethod('manual');
        setShares(new Map(data.children.map((c) => [c.unit.id, report.rows.find((r) => r.unit.id === c.unit.id)?.value ?? 0])));
        message.success(`Đã đọc ${report.rows.length} dòng; kiểm tra rồi bấm "Giao chỉ tiêu".`);
      }
    } catch (error) {
      setServerError(errorMessage(error));
    }
    return false;
  };

  return (
    <div className="scene" data-testid="allocation-scene">
      <SceneHeader title="Giao chỉ tiêu cho đơn vị trực thuộc" description={data.rule}>
        <Link to="/tong-quan">Về Tổng quan</Link>
      </SceneHeader>
      <AllocationTargetCard target={t} />
      {t.kind === 'count' && (
        <AllocationMethodBar targetId={targetId} method={method} onMethod={chooseMethod} base={base} onBase={setBase} onFile={onFile} />
      )}
      <AllocationFileProblems report={fileReport} />
      <AllocationSharesTable
        data={data}
        shares={shares}
        problems={check.problems}
        onShare={(unitId, value) => {
          setMethod('manual');
          setShares(new Map(shares).set(unitId, value));
        }}
      />
      <AllocationTotalCard
        target={t}
        check={check}
        allowOver={allowOver}
        onAllowOver={setAllowOver}
        serverError={serverError}
        saving={saving}
        onSave={save}
      />
    </div>
  );
}
