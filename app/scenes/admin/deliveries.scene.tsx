import { RedoOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { deliveriesQuery, deliveryKeys, resendDelivery } from '../../api/notifications.api.ts';
import { confirmAction } from '../../components/confirm-action.ts';
import { TABLE_AS_LIST, asListColumns } from '../../components/table-as-list.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import {
  DELIVERY_FILTER_OPTIONS,
  deliveriesEmptyText,
  deliveryRow,
  statusOfFilter,
  type DeliveryFilter,
  type DeliveryRow,
} from './deliveries.ts';
import './admin.css';
import { RegistryListShell } from '../../components/registry/registry-list.shell.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { AccountCell } from './account.cell.tsx';

/**
 * Thư thông báo (issue 21): the e-mail copies of the people in the caller's subtree, opened on the
 * dead letters, the ones an administrator can act on (fix the account's address, then Gửi lại).
 */
export default function DeliveriesScene() {
  useDocumentTitle('Thư thông báo');
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<DeliveryFilter>('dead');
  const list = useInfiniteQuery(deliveriesQuery(statusOfFilter(filter)));
  const rows = (list.data?.pages.flatMap((p) => p.items) ?? []).map(deliveryRow);

  const resend = useMutation({
    mutationFn: (row: DeliveryRow) => resendDelivery(row.id),
    onSuccess: (done) => {
      // Every filter: the mail leaves "Gửi không được" and appears under "Đang chờ".
      void queryClient.invalidateQueries({ queryKey: deliveryKeys.all });
      void message.success(`Đã đưa thư vào hàng đợi gửi lại đến ${done.recipient}.`);
    },
    onError: (error) => {
      // A 409 (someone else resent it first) leaves the list stale: reload it either way.
      void queryClient.invalidateQueries({ queryKey: deliveryKeys.all });
      void message.error(errorMessage(error));
    },
  });

  const askResend = async (row: DeliveryRow) => {
    const ok = await confirmAction(modal, {
      title: `Gửi lại thư “${row.title}” cho ${row.name}?`,
      content: `Thư được đưa lại vào hàng đợi và gửi đến địa chỉ thư hiện tại của tài khoản ${row.username}. Nếu ${row.recipient} là địa chỉ sai, hãy sửa ở trang Tài khoản trước khi gửi lại.`,
      okText: 'Gửi lại',
    });
    if (ok) resend.mutate(row);
  };

  return (
    <RegistryListShell
      testId="deliveries-scene"
      title="Thư thông báo"
      description="Thư điện tử gửi cho người dùng trong đơn vị bạn và các đơn vị trực thuộc, mới nhất trước; giờ Việt Nam."
      filtersClassName="table-filters"
      filters={
        <>
          <Select<DeliveryFilter>
            aria-label="Trạng thái"
            className="filter-unit-narrow"
            options={DELIVERY_FILTER_OPTIONS}
            value={filter}
            onChange={setFilter}
            data-testid="delivery-status-filter"
          />
        </>
      }
      table={
        <>
          <Table<DeliveryRow>
            rowKey="id"
            size="middle"
            className={TABLE_AS_LIST}
            loading={list.isFetching && !list.isFetchingNextPage}
            dataSource={rows}
            pagination={false}
            locale={{
              emptyText: list.isError ? (
                errorMessage(list.error)
              ) : (
                <span data-testid="deliveries-empty">{deliveriesEmptyText(filter)}</span>
              ),
            }}
            onRow={(row) => ({ 'data-testid': `delivery-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
            columns={asListColumns<DeliveryRow>(
              [
                {
                  title: 'Người nhận',
                  key: 'recipient',
                  render: (_, row) => (
                    <AccountCell name={row.name} username={row.username}>
                      <div className="delivery-address">{row.recipient}</div>
                    </AccountCell>
                  ),
                },
                { title: 'Đơn vị', key: 'unit', render: (_, row) => <div className="cell-unit">{row.unitName}</div> },
                {
                  title: 'Thông báo',
                  key: 'notification',
                  render: (_, row) => (
                    <div>
                      <Typography.Text type="secondary">{row.kindLabel}</Typography.Text>
                      <div>{row.title}</div>
                    </div>
                  ),
                },
                { title: 'Trạng thái', key: 'status', render: (_, row) => <Tag color={row.status.color}>{row.status.label}</Tag> },
                { title: 'Số lần thử', key: 'attempts', align: 'right', render: (_, row) => row.attempts },
                {
                  title: 'Lỗi cuối',
                  key: 'error',
                  render: (_, row) => (
                    <div className="delivery-error" data-testid="delivery-error">
                      {row.lastError}
                    </div>
                  ),
                },
                {
                  title: 'Thời điểm',
                  key: 'when',
                  render: (_, row) => (
                    <div>
                      <div className="cell-nowrap">{row.createdAt}</div>
                      {/* May wrap: on a 360 px card the label takes part of the line. */}
                      {row.when && <div className="delivery-when">{row.when}</div>}
                    </div>
                  ),
                },
                {
                  title: '',
                  key: 'actions',
                  align: 'right',
                  render: (_, row) =>
                    row.canResend && (
                      <Button
                        icon={<RedoOutlined />}
                        loading={resend.isPending && resend.variables?.id === row.id}
                        onClick={() => void askResend(row)}
                        data-testid={`delivery-resend-${row.id}`}
                      >
                        Gửi lại
                      </Button>
                    ),
                },
              ],
              { titleKey: 'recipient' },
            )}
          />
          <LoadMore list={list} shown={rows.length} noun="thư" testId="deliveries-more" />
        </>
      }
    />
  );
}
