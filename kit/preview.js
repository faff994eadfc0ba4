// The authoring kit's preview page (kit/preview.html): a coordinator chooses or drops the files
// `pack` wrote for a trial and walks the self-check in each language it has. The files are read
// with the File API and handed to the element as bytes (its `trialFiles` property), so nothing is
// fetched or uploaded; the element is the release's own (../embed.js), checks included.
import '../embed.js';

const input = document.getElementById('files');
const drop = document.getElementById('drop');
const status = document.getElementById('status');
const stage = document.getElementById('stage');

// What a trial file's first bytes say (crates/core/src/content/encode.rs): its trial and
// language, or why it is not one.
function header(bytes) {
  if (String.fromCharCode(...bytes.subarray(0, 4)) !== 'TSCt') {
    return { problem: bytes[0] === 0x7b
      ? 'is a JSON file: run the kit\'s pack command on the trial folder and choose the .tsc files it writes'
      : 'is not a trial file written by the kit\'s pack command' };
  }
  let at = 4;
  const number = () => { let n = 0, shift = 0, b; do { b = bytes[at++]; n |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80); return n; };
  number(); // the format version: the element refuses another, and says so in the console
  const lang = bytes[at++] === 1 ? 'zh-CN' : 'en';
  number(); // the structure's length; the trial's id comes first in it
  const end = bytes.indexOf(0, at);
  return { lang, id: new TextDecoder().decode(bytes.subarray(at, end)) };
}

function say(lines) {
  status.replaceChildren(...lines.map(([text, problem]) => {
    const p = document.createElement('p');
    p.textContent = text;
    if (problem) p.dataset.problem = '';
    return p;
  }));
}

async function show(list) {
  const files = {};
  const lines = [];
  let id = null;
  for (const file of list) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const found = header(bytes);
    if (found.problem) lines.push([`${file.name} ${found.problem}.`, true]);
    else if (id && found.id !== id) lines.push([`${file.name} is trial ${found.id}, not ${id}: choose one trial's files.`, true]);
    else {
      id = found.id;
      files[found.lang] = bytes;
    }
  }
  stage.replaceChildren();
  if (!id) return say(lines.length ? lines : [['No file was chosen.', true]]);
  if (!files.en) lines.push([`No en.tsc for ${id}: every trial has English; choose it too.`, true]);
  else lines.push([`Showing ${id} from ${Object.keys(files).map((l) => `${l}.tsc`).join(' and ')}. Nothing was uploaded.`]);
  say(lines);
  if (!files.en) return;
  const el = document.createElement('trial-self-check');
  el.setAttribute('trial', id);
  el.setAttribute('lang', 'en');
  el.trialFiles = files;
  stage.append(el);
}

input.addEventListener('change', () => show([...input.files]));
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.dataset.over = ''; });
drop.addEventListener('dragleave', () => delete drop.dataset.over);
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  delete drop.dataset.over;
  show([...e.dataTransfer.files]);
});
