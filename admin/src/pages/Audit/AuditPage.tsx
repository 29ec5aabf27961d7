// Placeholder replaced by the Audit page (work in progress on this branch).
import { Layouts } from '@strapi/strapi/admin';

const AuditPage = () => <Layouts.Header title="Audit" />;

export default AuditPage;
