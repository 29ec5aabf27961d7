import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::enterprise-product-comparison-table.enterprise-product-comparison-table');
