import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::enterprise-product-comparison-table.enterprise-product-comparison-table');
