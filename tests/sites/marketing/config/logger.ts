import { formats, winston } from '@strapi/logger';

// STRAPI_LOG_LEVEL quiets the site in tests and benchmarks; the default is Strapi's own.
export default {
  transports: [
    new winston.transports.Console({
      level: process.env.STRAPI_LOG_LEVEL ?? 'http',
      format: formats.prettyPrint(),
    }),
  ],
};
