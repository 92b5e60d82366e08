// Server time and first-contentful-paint of every workspace page, as a signed-in person sees them: Debian's chromium,
// headless, 1280 x 900, three visits per page. Prints "page  responseEnd/firstContentfulPaint size" per visit (ms).
//   node first-paint.js BASE_URL ADMIN_KEY_FILE [LOCALE] [PAGE...]
const { chromium } = require('playwright-core');
const fs = require('fs');
const [base, keyPath, locale = 'ja-JP', ...only] = process.argv.slice(2);
const pages = only.length ? only : ['/use-cases', '/value', '/data', '/models', '/models/telco-churn', '/decisions', '/deployments',
  '/monitoring', '/review', '/requests', '/growth', '/canvas', '/plan', '/admin'];

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await (await browser.newContext({ locale, viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(base + '/login');
  await page.fill('input[name="Form.Key"]', fs.readFileSync(keyPath, 'utf8').trim());
  await page.click('button.primary');
  await page.waitForLoadState('load');
  for (const path of pages) {
    const visits = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(base + path, { waitUntil: 'load' });
      const r = await page.evaluate(() => new Promise(resolve => {
        const nav = performance.getEntriesByType('navigation')[0];
        const done = fcp => resolve({ end: nav.responseEnd, fcp, size: nav.decodedBodySize });
        new PerformanceObserver(list => {
          const paint = list.getEntries().find(e => e.name === 'first-contentful-paint');
          if (paint) done(paint.startTime);
        }).observe({ type: 'paint', buffered: true });
        setTimeout(() => done(null), 3000);
      }));
      visits.push(`${Math.round(r.end)}/${r.fcp === null ? 'n/a' : Math.round(r.fcp)}`);
      if (i === 2) visits.push(`${Math.round(r.size / 1024)} KB`);
    }
    console.log(path.padEnd(22), visits.join('  '));
  }
  await browser.close();
})();
