import { createRoot } from 'react-dom/client';

function App() {
  return <h1>fupin 扶贫信息系统</h1>;
}

createRoot(document.getElementById('root')!).render(<App />);
