import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Spin, Tabs } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { meQuery } from '../../api/auth.api.ts';
import { taskKeys, taskPath } from '../../api/tasks.api.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { MyTasksTab } from './my-tasks.tab.tsx';
import { TaskFormModal } from './task-form.modal.tsx';
import { defaultTasksTab } from './task-format.ts';
import { TaskListTab } from './task-list.tab.tsx';
import '../../components/registry/registry.css';
import './tasks.css';
import { SceneHeader } from '../../components/scene-header.tsx';

/** Nhiệm vụ: the unit's own tasks ("Nhiệm vụ của đơn vị", given from above) and the whole list with filters. */
export default function TasksScene() {
  useDocumentTitle('Nhiệm vụ');
  const me = useQuery(meQuery());
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  if (!me.data) return <Spin className="app-loading" />;
  const { unit, permissions } = me.data;
  const can = (p: string) => permissions.includes(p);
  const tab = params.get('tab') ?? defaultTasksTab(unit.kind);
  const items = [
    { key: 'cua-don-vi', label: 'Nhiệm vụ của đơn vị', children: <MyTasksTab me={unit} canReport={can('reports.submit')} /> },
    { key: 'danh-sach', label: 'Danh sách nhiệm vụ', children: <TaskListTab me={unit} /> },
  ];
  return (
    <div className="scene tasks-scene" data-testid="tasks-scene">
      <SceneHeader
        title="Nhiệm vụ"
        description="Nhiệm vụ của đơn vị và nhiệm vụ được cấp trên giao: chủ trì, thời hạn, trạng thái từng kỳ và minh chứng."
      >
        {can('targets.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-create">
            Thêm nhiệm vụ
          </Button>
        )}
      </SceneHeader>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        items={items.map((i) => ({ ...i, label: <span data-testid={`tab-${i.key}`}>{i.label}</span> }))}
        destroyOnHidden
      />
      {creating && (
        <TaskFormModal
          unit={unit}
          onClose={() => setCreating(false)}
          onSaved={(task) => {
            setCreating(false);
            void queryClient.invalidateQueries({ queryKey: taskKeys.all });
            void message.success('Đã thêm nhiệm vụ.');
            navigate(taskPath(task.id, task.owner.id));
          }}
        />
      )}
    </div>
  );
}
