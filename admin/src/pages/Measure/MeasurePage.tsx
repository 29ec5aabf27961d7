// Placeholder replaced by the Measure page (work in progress on this branch).
import { Layouts } from '@strapi/strapi/admin';

const MeasurePage = () => <Layouts.Header title="Measure" />;

export default MeasurePage;
