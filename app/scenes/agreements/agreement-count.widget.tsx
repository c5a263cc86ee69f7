import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic } from 'antd';
import { errorMessage } from '../../api/api-client.ts';
import { agreementCountQuery } from '../../api/registry.api.ts';
import { formatCount } from '../../components/registry/registry-format.ts';
import { formatViDate } from '../../lib/calendar-date.ts';

/** The three figures the action programmes count: in force on a date, class B or better, better than the law. */
export function AgreementCountWidget({ unitId, date }: { unitId: number | undefined; date: string }) {
  const count = useQuery(agreementCountQuery(unitId, date));
  const value = (n: number | undefined) => (count.isError ? errorMessage(count.error) : n === undefined ? '…' : formatCount(n));
  return (
    <Card className="registry-widgets" size="small" data-testid="agreement-count">
      <Row gutter={24}>
        <Col span={8}>
          <Statistic title={`Còn hiệu lực vào ngày ${formatViDate(date)}`} value={value(count.data?.inForce)} />
        </Col>
        <Col span={8}>
          <Statistic title="Trong đó xếp loại B trở lên" value={value(count.data?.classBOrBetter)} />
        </Col>
        <Col span={8}>
          <Statistic title="Có lợi hơn cho người lao động so với luật" value={value(count.data?.betterThanLaw)} />
        </Col>
      </Row>
    </Card>
  );
}
