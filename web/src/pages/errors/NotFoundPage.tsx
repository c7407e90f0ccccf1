import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';

/** 404: an unknown address, or a record the server says does not exist (its message shown). */
export function NotFoundPage({ message }: { message?: string }) {
  return (
    <Result
      status="404"
      title="404 未找到"
      subTitle={message ?? '您访问的页面不存在，请检查地址是否正确。'}
      extra={
        <Link to="/households">
          <Button type="primary">返回农户名单</Button>
        </Link>
      }
    />
  );
}
