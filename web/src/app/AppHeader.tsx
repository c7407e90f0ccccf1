import { Layout } from 'antd';
import { Link } from 'react-router-dom';
import { PlaceIndicator } from '../components/PlaceIndicator';

/** 系统名称 on the left; the selected place on the right (later also the user menu). */
export function AppHeader() {
  return (
    <Layout.Header className="app-header">
      <Link to="/households" className="app-title">
        <span className="app-emblem">扶</span>
        fupin 扶贫信息系统
      </Link>
      <PlaceIndicator />
    </Layout.Header>
  );
}
