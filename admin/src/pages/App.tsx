import { Divider } from '@strapi/design-system';
import { Layouts, Page, SubNav } from '@strapi/strapi/admin';
import { lazy, Suspense } from 'react';
import { useIntl } from 'react-intl';
import { Route, Routes } from 'react-router-dom';
import { ScrollToTop } from '../components/ScrollToTop';
import { PLUGIN_ID } from '../pluginId';
import { getTranslation } from '../utils/getTranslation';

// Each page is its own chunk: opening the journey map does not load the audit or the measure charts.
const JourneyMapPage = lazy(() => import('./JourneyMap/JourneyMapPage'));
const ContentMapPage = lazy(() => import('./ContentMap/ContentMapPage'));
const NextContentPage = lazy(() => import('./NextContent/NextContentPage'));
const AuditPage = lazy(() => import('./Audit/AuditPage'));
const MeasurePage = lazy(() => import('./Measure/MeasurePage'));
const ContentTypesPage = lazy(() => import('./ContentTypesPage'));

const BASE = `/plugins/${PLUGIN_ID}`;

const NAV = [
  { to: BASE, end: true, id: 'nav.journeyMap', label: 'Journey map' },
  { to: `${BASE}/content-map`, id: 'nav.contentMap', label: 'Content map' },
  { to: `${BASE}/next-content`, id: 'nav.nextContent', label: 'What to write next' },
  { to: `${BASE}/audit`, id: 'nav.audit', label: 'Audit' },
  { to: `${BASE}/measure`, id: 'nav.measure', label: 'Measure' },
  { to: `${BASE}/content-types`, id: 'nav.contentTypes', label: 'Content types' },
];

const PluginNav = () => {
  const { formatMessage } = useIntl();
  const title = formatMessage({ id: getTranslation('plugin.name'), defaultMessage: 'Journey Map' });
  return (
    <SubNav.Main aria-label={title}>
      <SubNav.Header label={title} />
      <Divider />
      <SubNav.Content>
        <SubNav.Sections>
          {NAV.map((link) => (
            <SubNav.Link
              key={link.to}
              to={link.to}
              end={link.end}
              label={formatMessage({ id: getTranslation(link.id), defaultMessage: link.label })}
            />
          ))}
        </SubNav.Sections>
      </SubNav.Content>
    </SubNav.Main>
  );
};

const App = () => (
  <Layouts.Root sideNav={<PluginNav />}>
    <ScrollToTop />
    <Suspense fallback={<Page.Loading />}>
      <Routes>
        <Route index element={<JourneyMapPage />} />
        <Route path="content-map" element={<ContentMapPage />} />
        <Route path="next-content" element={<NextContentPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="measure" element={<MeasurePage />} />
        <Route path="content-types" element={<ContentTypesPage />} />
        <Route path="*" element={<Page.Error />} />
      </Routes>
    </Suspense>
  </Layouts.Root>
);

export default App;
