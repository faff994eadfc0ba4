import { launch } from './engine-webkit.mjs';
import { serve } from './server.mjs';
const s = await serve('dist');
const b = await launch();
for (let i = 0; i < 25; i++) {
  const t = Date.now();
  try {
    const p = await b.open({ viewport: { width: 360, height: 740 } });
    await p.goto(s.url);
    await p.close();
    console.log(i, Date.now() - t);
  } catch (e) { console.log(i, 'FAIL', Date.now() - t, e.message.slice(0, 600)); }
}
await b.close(); await s.close();
