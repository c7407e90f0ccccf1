import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { HouseholdCardPage } from '../pages/household-card/HouseholdCardPage';
import { HouseholdListPage } from '../pages/households/HouseholdListPage';
import { NotFoundPage } from '../pages/errors/NotFoundPage';
import { AppLayout } from './AppLayout';

function HomeRedirect() {
  const { search } = useLocation();
  return <Navigate to={`/households${search}`} replace />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomeRedirect />} />
        <Route path="households" element={<HouseholdListPage />} />
        <Route path="households/:householdNo" element={<HouseholdCardPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
