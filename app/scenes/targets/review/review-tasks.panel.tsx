import { CheckOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Empty, Input, Select, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../api/api-client.ts';
import { meQuery } from '../../../api/auth.api.ts';
import {
  confirmReviewTasks,
  reviewTasksQuery,
  taskKeys,
  taskPath,
  type ConfirmTasks,
  type ReviewTaskItem,
} from '../../../api/tasks.api.ts';
import { TimingField } from '../../tasks/timing.field.tsx';
import { countTaskDrafts, initialTaskDrafts, mergeDrafts, toConfirmBody, type TaskDraft } from './review-tasks.model.ts';

interface Props {
  documentId: number;
  /** Start (in the text) of the item selected on the text side, to bring its card into view. */
  selectedStart: number | undefined;
  /** Shows an item in the text (by its start). */
  onLocate: (start: number) => void;
}

/**
 * Nhiệm vụ read from the document: edit title, lead, partners and timing, merge two, drop one,
 * then *Xác nhận nhiệm vụ*: they become tasks of the issuing unit, tracked on Nhiệm vụ.
 */
export function ReviewTasksPanel({ documentId, selectedStart, onLocate }: Props) {
  const review = useQuery(reviewTasksQuery(documentId));
  if (review.isError) return <Alert type="error" showIcon title={errorMessage(review.error)} />;
  if (!review.data) return <Spin />;
  if (review.data.items.length === 0) return <Empty description="Không đọc được nhiệm vụ nào trong văn bản này." />;
  return (
    <TaskDrafts
      key={review.dataUpdatedAt}
      items={review.data.items}
      documentId={documentId}
      selectedStart={selectedStart}
      onLocate={onLocate}
    />
  );
}

function TaskDrafts({ items, documentId, selectedStart, onLocate }: Props & { items: ReviewTaskItem[] }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery());
  const canWrite = me.data?.permissions.includes('targets.write') ?? false;
  const [drafts, setDrafts] = useState(() => initialTaskDrafts(items));
  const [chosen, setChosen] = useState<string[]>([]);
  const [invalid, setInvalid] = useState<string>();
  const startOf = new Map(items.map((i) => [i.index, i.start]));
  const counts = countTaskDrafts(drafts);
  const change = (key: string, patch: Partial<TaskDraft>) => setDrafts((ds) => ds.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  const selectedKey = drafts.find((d) => d.items.some((i) => startOf.get(i) === selectedStart))?.key;

  useEffect(() => {
    if (selectedKey) document.querySelector(`[data-task-draft="${selectedKey}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [selectedKey]);

  const merge = () => {
    setDrafts((ds) => mergeDrafts(ds, chosen[0]!, chosen[1]!));
    setChosen([]);
  };

  const send = useMutation({
    mutationFn: (body: ConfirmTasks) => confirmReviewTasks(documentId, body),
    onSuccess: (result) => {
      void message.success(`Đã xác nhận ${result.created.length} nhiệm vụ; theo dõi ở mục Nhiệm vụ.`);
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
  });
  const confirm = () => {
    const body = toConfirmBody(drafts);
    setInvalid(typeof body === 'string' ? body : undefined);
    if (typeof body !== 'string') send.mutate(body);
  };
  const error = invalid ?? (send.isError ? errorMessage(send.error) : undefined);

  return (
    <div className="review-tasks" data-testid="review-tasks">
      <div className="review-tasks-bar">
        <span className="cell-muted" data-testid="review-tasks-counts">
          {counts.toConfirm} sẽ xác nhận · {counts.dropped} bỏ{counts.confirmed ? ` · ${counts.confirmed} đã xác nhận` : ''}
        </span>
        {canWrite && (
          <Space wrap>
            <Button
              size="small"
              icon={<MergeCellsOutlined />}
              disabled={chosen.length !== 2}
              onClick={merge}
              data-testid="review-tasks-merge"
            >
              Gộp 2 nhiệm vụ đã chọn
            </Button>
            <Button
              type="primary"
              size="small"
              icon={<CheckOutlined />}
              loading={send.isPending}
              disabled={counts.toConfirm === 0}
              onClick={confirm}
              data-testid="review-tasks-confirm"
            >
              Xác nhận {counts.toConfirm} nhiệm vụ
            </Button>
          </Space>
        )}
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="review-tasks-error" />}
      {drafts.map((d, n) => {
        const done = d.confirmedTaskId !== null;
        const readOnly = done || !canWrite;
        return (
          <Card
            key={d.key}
            size="small"
            className={`review-card review-task${done ? ' is-confirm' : d.drop ? ' is-drop' : ''}${selectedKey === d.key ? ' is-selected' : ''}`}
            data-task-draft={d.key}
            data-testid={`review-task-${d.key}`}
            title={
              <Space size={6} wrap>
                {!readOnly && !d.drop && (
                  <Checkbox
                    checked={chosen.includes(d.key)}
                    onChange={(e) => setChosen((c) => (e.target.checked ? [...c, d.key].slice(-2) : c.filter((k) => k !== d.key)))}
                    data-testid={`review-task-choose-${d.key}`}
                  />
                )}
                <Button type="link" size="small" className="review-task-locate" onClick={() => onLocate(startOf.get(d.items[0]!) ?? 0)}>
                  Nhiệm vụ {n + 1}
                </Button>
                {d.items.length > 1 && <Tag>Gộp {d.items.length} mục</Tag>}
                {done && <Tag color="green">Đã xác nhận</Tag>}
                {d.drop && !done && <Tag>Bỏ</Tag>}
              </Space>
            }
            extra={
              done ? (
                <Link to={taskPath(d.confirmedTaskId!)}>Xem nhiệm vụ</Link>
              ) : (
                canWrite && (
                  <Button
                    size="small"
                    type="text"
                    onClick={() => change(d.key, { drop: !d.drop })}
                    data-testid={`review-task-drop-${d.key}`}
                  >
                    {d.drop ? 'Giữ lại' : 'Bỏ'}
                  </Button>
                )
              )
            }
          >
            {d.drop || done ? (
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} className="review-quote">
                {d.title}
              </Typography.Paragraph>
            ) : (
              <div className="review-task-fields">
                <label className="field-label">
                  Nội dung
                  <Input.TextArea
                    value={d.title}
                    autoSize={{ minRows: 2, maxRows: 8 }}
                    disabled={readOnly}
                    onChange={(e) => change(d.key, { title: e.target.value })}
                    data-testid={`review-task-title-${d.key}`}
                  />
                </label>
                <div className="form-row">
                  <label className="field-label">
                    Chủ trì
                    <Input
                      value={d.leadName}
                      disabled={readOnly}
                      onChange={(e) => change(d.key, { leadName: e.target.value })}
                      placeholder="Ban, đơn vị chủ trì"
                      data-testid={`review-task-lead-${d.key}`}
                    />
                  </label>
                  <label className="field-label">
                    Phối hợp
                    <Select
                      mode="tags"
                      open={false}
                      suffixIcon={null}
                      value={d.partnerNames}
                      disabled={readOnly}
                      tokenSeparators={[';']}
                      onChange={(v: string[]) => change(d.key, { partnerNames: v })}
                      placeholder="Gõ tên rồi Enter"
                      data-testid={`review-task-partners-${d.key}`}
                    />
                  </label>
                  <label className="field-label">
                    Thời hạn
                    <TimingField
                      value={d.timing}
                      onChange={(timing) => change(d.key, { timing })}
                      disabled={readOnly}
                      testId={`review-task-timing-${d.key}`}
                    />
                  </label>
                </div>
              </div>
            )}
          </Card>
        );
      })}
    </div>
  );
}
