/** The plugin's admin bundle (gzip), read from dist/admin: the entry and the first load of each page. */
const path = require('path');
const { bundleReport } = require('../lib/bundle');
const { ROOT } = require('../lib/strapi');

const KB = 1024;
const kb = (n) => Number((n / KB).toFixed(1));

module.exports = {
  id: 'bundle',
  needsStrapi: false,
  async run() {
    const report = bundleReport(path.join(ROOT, 'dist', 'admin'));
    return [
      { id: 'bundle-entry', label: 'admin entry, gzip', unit: 'KB', value: kb(report.entryGzip), totalKb: kb(report.totalGzip), chunks: report.chunks },
      ...report.pages.map((p) => ({ id: `bundle-${p.page}`, label: `first load of ${p.page}, gzip`, unit: 'KB', value: kb(p.gzip), ownKb: kb(p.ownGzip), loaded: p.chunks })),
    ];
  },
};
