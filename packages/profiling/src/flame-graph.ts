import type { Profile } from './profile.js';

export interface FlameGraphOptions {
  /** Page title. Default "<kind> profile". */
  title?: string;
  /** Index of the sample type to size frames by. Default: the last one (cpu ns, heap bytes). */
  valueIndex?: number;
}

/**
 * A self-contained HTML flame graph of a profile (no CDN, no external file: styles, script and
 * data are inline). Frames are DOM elements (`div.frame` with `data-name`), widths proportional
 * to the chosen value; a select filters the graph to the samples of one span name (or those
 * without a span), also reachable as `#span=<name>` in the URL. Hover shows file:line and value.
 */
export function renderFlameGraph(profile: Profile, options?: FlameGraphOptions): string {
  const valueIndex = options?.valueIndex ?? profile.sampleTypes.length - 1;
  const type = profile.sampleTypes[valueIndex];
  const s = profile.samples;
  // aggregate samples by (stack, span) so the page carries one entry per distinct pair
  const merged = new Map<string, number>();
  for (let i = 0; i < s.count; i++) {
    const key = `${s.stack[i]},${s.span[i]}`;
    merged.set(key, (merged.get(key) ?? 0) + (s.values[valueIndex]?.[i] ?? 0));
  }
  // one box per function: frames of the same function at different sampled lines merge
  const functions: string[][] = [];
  const functionIndex = new Map<string, number>();
  const functionOfFrame = profile.frames.map((f) => {
    const where = f.file ? `${f.file}:${f.startLine ?? f.line}` : '';
    const key = `${f.function}\0${where}`;
    let index = functionIndex.get(key);
    if (index === undefined) {
      index = functions.push([f.function, where]) - 1;
      functionIndex.set(key, index);
    }
    return index;
  });
  const data = {
    unit: type ? `${type.type} (${type.unit})` : '',
    frames: functions,
    stacks: profile.stacks.map((st) => Array.from(st, (frame) => functionOfFrame[frame])),
    spans: profile.spans.map((sp) => sp.name || sp.spanId),
    samples: [...merged].map(([key, value]) => [...key.split(',').map(Number), value]),
  };
  const title = options?.title ?? `${profile.kind} profile`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font:12px system-ui,sans-serif;margin:12px;background:#fff;color:#222}
#graph{position:relative;width:100%}
.frame{position:absolute;height:17px;line-height:17px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;
box-sizing:border-box;border:1px solid #fff;padding:0 3px;border-radius:2px;cursor:default}
.frame:hover{filter:brightness(.85)}
header{display:flex;gap:12px;align-items:center;margin-bottom:8px}
#total{color:#666}
</style></head><body>
<header><strong>${escapeHtml(title)}</strong>
<label>span <select id="span"><option value="*">all samples</option><option value="-">(no span)</option></select></label>
<span id="total"></span></header>
<div id="graph"></div>
<script type="application/json" id="data">${escapeJson(JSON.stringify(data))}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}

// The page script: builds a call tree from the (stack, span, value) entries that pass the span
// filter, then lays it out root at the top, one 18px row per depth.
const SCRIPT = `(function(){
var d=JSON.parse(document.getElementById('data').textContent);
var sel=document.getElementById('span'),graph=document.getElementById('graph'),total=document.getElementById('total');
var names={};d.spans.forEach(function(n){names[n]=1});
Object.keys(names).sort().forEach(function(n){var o=document.createElement('option');o.value='='+n;o.textContent=n;sel.appendChild(o)});
function tree(filter){var root={n:-1,v:0,c:{}};
d.samples.forEach(function(e){var st=d.stacks[e[0]],sp=e[1],v=e[2];
if(filter==='-'&&sp>=0)return;if(filter[0]==='='&&(sp<0||d.spans[sp]!==filter.slice(1)))return;
var node=root;node.v+=v;for(var i=st.length-1;i>=0;i--){var f=st[i];node=node.c[f]||(node.c[f]={n:f,v:0,c:{}});node.v+=v}});
return root}
function color(name){var h=0;for(var i=0;i<name.length;i++)h=(h*31+name.charCodeAt(i))|0;return 'hsl('+(10+Math.abs(h)%50)+',80%,'+(55+Math.abs(h>>8)%15)+'%)'}
function render(){var filter=sel.value,root=tree(filter);graph.textContent='';var depth=0;
function lay(node,x,level){var kids=Object.keys(node.c).map(function(k){return node.c[k]}).sort(function(a,b){return b.v-a.v});
var off=x;kids.forEach(function(k){var w=root.v?k.v/root.v:0;if(w>0){var el=document.createElement('div');var fr=d.frames[k.n];
el.className='frame';el.dataset.name=fr[0];el.textContent=fr[0];el.title=fr[0]+(fr[1]?' '+fr[1]:'')+' - '+k.v+' '+d.unit;
el.style.left=(off*100)+'%';el.style.width=(w*100)+'%';el.style.top=(level*18)+'px';el.style.background=color(fr[0]);
graph.appendChild(el);depth=Math.max(depth,level+1);lay(k,off,level+1)}off+=w})}
lay(root,0,0);graph.style.height=(depth*18)+'px';total.textContent=root.v+' '+d.unit;
if(history.replaceState)history.replaceState(null,'',filter==='*'?location.pathname:'#span='+encodeURIComponent(filter==='-'?'-':filter.slice(1)))}
var m=/^#span=(.*)$/.exec(location.hash);if(m){var want=decodeURIComponent(m[1]);sel.value=want==='-'?'-':'='+want}
sel.addEventListener('change',render);render()})();`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside <script>: no `</script>` or `<!--` can end the element early. */
function escapeJson(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
