import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::enterprise-product-comparison-table.enterprise-product-comparison-table');
