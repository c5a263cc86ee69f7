import { useQuery } from '@tanstack/react-query';
import { Card, List, Space, Tag } from 'antd';
import { errorMessage } from '../../api/api-client.ts';
import { rolesQuery } from '../../api/users.api.ts';
import './admin.css';
import { Scene } from '../../components/scene-header.tsx';

/** Read-only: roles are data seeded by the server; this page explains what each one allows. */
export default function RolesScene() {
  const roles = useQuery(rolesQuery());
  return (
    <Scene
      testId="roles-scene"
      title="Vai trò"
      description="Mỗi tài khoản có một hoặc nhiều vai trò; quyền luôn chỉ áp dụng trong đơn vị của tài khoản và các đơn vị trực thuộc."
    >
      <Card>
        <List
          loading={roles.isLoading}
          dataSource={roles.data?.items ?? []}
          locale={{ emptyText: roles.isError ? errorMessage(roles.error) : 'Chưa có vai trò nào.' }}
          renderItem={(role) => (
            <List.Item data-testid={`role-${role.code}`}>
              <List.Item.Meta
                title={
                  <Space>
                    <span className="cell-strong">{role.name}</span>
                    {role.isBuiltin && <Tag>Có sẵn</Tag>}
                  </Space>
                }
                description={
                  <>
                    <div className="role-description">{role.description}</div>
                    <Space size={[4, 4]} wrap>
                      {role.permissions.map((p) => (
                        <Tag key={p.code} color="blue" title={p.code}>
                          {p.label}
                        </Tag>
                      ))}
                    </Space>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Scene>
  );
}
