// Placeholder replaced by the JourneyMap page (work in progress on this branch).
import { Layouts } from '@strapi/strapi/admin';

const JourneyMapPage = () => <Layouts.Header title="JourneyMap" />;

export default JourneyMapPage;
