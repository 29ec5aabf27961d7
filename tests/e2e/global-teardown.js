const path = require('path');
const fs = require('fs');

/** Stops the production playground this run started (its whole process group, by its id). */
module.exports = async () => {
  const pidFile = path.join(__dirname, '.artifacts', 'strapi.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8'));
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // already gone
  }
  fs.rmSync(pidFile, { force: true });
};
