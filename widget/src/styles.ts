/** The widget's stylesheet, scoped by the shadow root. Colours come from CSS variables. */
export const CSS = `
:host{all:initial;position:fixed;top:0;left:0;width:0;height:0;z-index:2147483000}
*{box-sizing:border-box}
.w{all:initial;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#111827}
button{font:inherit;cursor:pointer}
:focus-visible{outline:2px solid #1d4ed8;outline-offset:2px;box-shadow:0 0 0 2px #fff}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.bubble{position:fixed;bottom:20px;right:20px;width:60px;height:60px;border-radius:50%;border:0;padding:0;background:var(--bb);color:var(--bt);box-shadow:0 4px 16px rgba(0,0,0,.25);display:grid;place-items:center;transition:transform .15s}
.bubble:hover{transform:scale(1.06)}
.bubble img{width:36px;height:36px;border-radius:50%;object-fit:cover}
.left .bubble,.left .panel{left:20px;right:auto}
.panel{position:fixed;bottom:92px;right:20px;width:380px;max-width:calc(100vw - 40px);height:620px;max-height:calc(100vh - 112px);display:flex;flex-direction:column;background:#fff;border-radius:16px;box-shadow:0 12px 48px rgba(0,0,0,.22);overflow:hidden;animation:in .18s ease-out}
.panel[hidden]{display:none}
@keyframes in{from{opacity:0;transform:translateY(12px)}}
.hd{background:var(--p);color:var(--pt);display:flex;align-items:center;gap:10px;padding:14px 12px 14px 16px}
.hd h2{font-size:16px;font-weight:600;margin:0;flex:1;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.av{width:34px;height:34px;border-radius:50%;object-fit:cover;flex:none}
.x{background:none;border:0;color:inherit;padding:6px;border-radius:8px;display:grid}
.x:hover{background:rgba(127,127,127,.25)}
.log{flex:1;overflow-y:auto;padding:16px;display:flex;flex-direction:column;gap:8px;background:#f7f7f9}
.m{max-width:85%;padding:9px 13px;border-radius:16px;overflow-wrap:anywhere}
.m p{margin:0 0 6px}.m p:last-child{margin:0}.m ul,.m ol{margin:4px 0;padding-left:20px}
.m a{color:inherit;text-decoration:underline}
.u{align-self:flex-end;background:var(--p);color:var(--pt);border-bottom-right-radius:4px;white-space:pre-wrap}
.a{align-self:flex-start;background:#fff;border:1px solid #e5e7eb;border-bottom-left-radius:4px}
.row{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin-bottom:4px}
.chip{background:#fff;border:1px solid #c7c9d1;border-radius:999px;padding:6px 12px;color:#111827;text-align:left}
.chip:hover{border-color:var(--p);background:#f3f4f6}
.opts{display:flex;flex-direction:column;gap:6px;margin:8px 0 2px}
.opt{background:#fff;border:1px solid #c7c9d1;border-left:3px solid var(--p);border-radius:10px;padding:7px 12px;color:#111827;text-align:left}
.opt:hover{background:#f3f4f6;border-color:var(--p)}
.book{background:var(--p);color:var(--pt);border-radius:10px;padding:8px 14px;font-weight:600;text-decoration:none}
.fb{background:none;border:0;color:#6b7280;padding:4px;border-radius:6px;display:grid}
.fb:hover{color:#111827}.fb[aria-pressed=true]{color:#111827;background:#e5e7eb}
.dn svg{transform:rotate(180deg)}
.ack{font-size:12px;color:#4b5563}
.note{font-size:12px;color:#4b5563;text-align:center;margin:4px 0}
.dots{display:flex;gap:4px;padding:14px 13px}
.dots i{width:7px;height:7px;border-radius:50%;background:#9ca3af;animation:b 1s infinite}
.dots i:nth-child(2){animation-delay:.15s}.dots i:nth-child(3){animation-delay:.3s}
@keyframes b{50%{opacity:.3;transform:translateY(-3px)}}
.err{background:#fef2f2;color:#991b1b;border:1px solid #fecaca;border-radius:12px;padding:8px 12px;display:flex;gap:10px;align-items:center;justify-content:space-between}
.err button{background:#991b1b;color:#fff;border:0;border-radius:8px;padding:5px 12px;flex:none}
.err button:disabled{opacity:.6;cursor:default}
form{display:flex;gap:8px;align-items:flex-end;padding:10px 12px;border-top:1px solid #e5e7eb;background:#fff}
textarea{flex:1;resize:none;border:1px solid #d1d5db;border-radius:12px;padding:9px 12px;font:inherit;color:inherit;background:#fff;height:40px;max-height:120px}
textarea:focus-visible{border-color:#1d4ed8;box-shadow:none;outline-offset:0;outline-width:1px}
.send{background:var(--p);color:var(--pt);border:0;border-radius:12px;width:40px;height:40px;display:grid;place-items:center;flex:none}
.send:disabled{opacity:.5;cursor:default}
.lim{padding:0 12px 8px;font-size:12px;color:#4b5563;background:#fff;text-align:right}
.lim.over{color:#991b1b;text-align:left}
.foot{text-align:center;font-size:11px;color:#6b7280;padding:0 0 8px;background:#fff}
@media (max-width:480px){.panel,.left .panel{top:0;left:0;right:0;bottom:0;width:auto;height:auto;max-width:none;max-height:none;border-radius:0}.open .bubble{display:none}textarea{font-size:16px}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
`;
