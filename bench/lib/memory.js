/**
 * Peak resident memory of this process over an operation. On Linux the kernel keeps the high-water mark
 * (VmHWM) and lets a process reset it (`5` into /proc/self/clear_refs), so short peaks are not missed;
 * elsewhere RSS is sampled every 5 ms.
 */
const fs = require('fs');

const MB = 1024 * 1024;
const procStatus = (field) => {
  const m = fs.readFileSync('/proc/self/status', 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return m ? Number(m[1]) * 1024 : null;
};

function canResetPeak() {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return procStatus('VmHWM') !== null;
  } catch {
    return false;
  }
}

async function peakRss(fn) {
  if (global.gc) global.gc();
  const baseline = process.memoryUsage().rss;
  let sampled = baseline;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage().rss);
  }, 5);
  const kernel = canResetPeak();
  try {
    const result = await fn();
    const peak = Math.max(sampled, process.memoryUsage().rss, kernel ? procStatus('VmHWM') : 0);
    return { result, baselineMb: baseline / MB, peakMb: peak / MB, method: kernel ? 'VmHWM' : 'sampled' };
  } finally {
    clearInterval(timer);
  }
}

module.exports = { peakRss };
