// Placeholder replaced by the ContentMap page (work in progress on this branch).
import { Layouts } from '@strapi/strapi/admin';

const ContentMapPage = () => <Layouts.Header title="ContentMap" />;

export default ContentMapPage;
