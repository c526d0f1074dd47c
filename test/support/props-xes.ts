// fast-check generators of XES logs: well-formed traces and events, and broken or hostile markup.
import fc from 'fast-check';
import {
  applyMangle,
  cleanOrHostile,
  type GeneratedFile,
  isoTime,
  type Mix,
  mangle,
  nastyText,
  pack,
  packing,
} from './props-arbitraries.js';

const xmlEscape = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;').replaceAll('>', '&gt;');

const KEYS = [
  'concept:name',
  'lifecycle:transition',
  'org:resource',
  'org:group',
  'time:timestamp',
  'event_type',
  'text',
  'odd key',
];

/** Stray markup that a broken export (or a hostile one) might contain. */
const FRAGMENTS = [
  '<event>',
  '</event>',
  '<trace>',
  '</trace>',
  '</log>',
  '<log>',
  '<!DOCTYPE log [<!ENTITY a "aaaa">]>',
  '&a;',
  '&bogus;',
  '<![CDATA[<event/>]]>',
  '<!-- c -->',
  '<?pi x?>',
  '<string key="k"',
  '<global scope="event"><string key="org:resource" value="G"/></global>',
  '<event><date key="time:timestamp" value="2012-01-02T09:00:00Z"/></event>',
];

function xes(mix: Mix): fc.Arbitrary<string> {
  // Attribute values are escaped, except in hostile files sometimes: then the raw text itself is the hostile part.
  const xmlValue = fc
    .tuple(nastyText, mix.mostly(fc.constant(true), fc.constant(false)))
    .map(([v, escaped]) => (escaped ? xmlEscape(v) : v));
  const tags = ['string', 'date', 'int', 'float', 'boolean', 'id', 'list', 'container'];
  const attribute = fc
    .tuple(
      mix.mostly(fc.constantFrom(...tags), fc.constantFrom('bogus', 'event', 'trace')),
      mix.mostly(fc.constantFrom(...KEYS), xmlValue),
      fc.oneof(
        fc.constantFrom('Queued', 'Accepted', 'Completed', 'complete', 'ann', 'G1', 'a &amp; b'),
        isoTime(mix, xmlValue),
        xmlValue,
      ),
    )
    .map(([tag, key, value]) =>
      tag === 'list' || tag === 'container'
        ? `<${tag} key="${key}"><values><string key="x" value="${value}"/></values></${tag}>`
        : `<${tag} key="${key}" value="${value}"/>`,
    );
  const junk = mix.hostile
    ? fc.option(mix.mostly(fc.constantFrom(...FRAGMENTS), nastyText), { freq: 8 })
    : fc.constant(null);
  // What a case needs (a name, and per event an activity and a time), present in clean files, maybe not otherwise.
  const needed = (xml: fc.Arbitrary<string>) => mix.mostly(xml, fc.constant(''));
  const activity = fc
    .constantFrom('Queued', 'Accepted', 'Completed')
    .map((a) => `<string key="concept:name" value="${a}"/>`);
  const time = isoTime(mix).map((t) => `<date key="time:timestamp" value="${xmlEscape(t)}"/>`);
  const name = fc.integer({ min: 1, max: 3 }).map((i) => `<string key="concept:name" value="P${i}"/>`);
  const event = fc
    .tuple(needed(activity), needed(time), fc.array(attribute, { maxLength: 4 }), junk)
    .map(([a, t, attrs, j]) => `<event>${a}${t}${attrs.join('')}${j ?? ''}</event>`);
  const trace = fc
    .tuple(needed(name), fc.array(attribute, { maxLength: 2 }), fc.array(event, { maxLength: 5 }), junk)
    .map(([n, attrs, events, j]) => `<trace>${n}${attrs.join('')}\n${events.join('\n')}${j ?? ''}\n</trace>`);
  return fc
    .tuple(
      fc.constantFrom('<?xml version="1.0" encoding="UTF-8" ?>\n', '', '\uFEFF<?xml version="1.0"?>\n'),
      mix.mostly(
        fc.constantFrom(
          '<log xes.version="1.0" xmlns="http://www.xes-standard.org/">',
          '<log xes.version="2.0">',
          '<log>',
        ),
        fc.constantFrom('<xes>', '<log', ''),
      ),
      fc.array(fc.tuple(fc.constantFrom('trace', 'event'), attribute), { maxLength: 2 }),
      fc.array(trace, { maxLength: 4 }),
      mix.mostly(fc.constant('</log>'), fc.constantFrom('', '</xes>', '</log></log>')),
    )
    .map(([decl, open, globals, body, close]) => {
      const g = globals.map(([scope, a]) => `<global scope="${scope}">${a}</global>`).join('\n');
      return `${decl}${open}\n${g}\n${body.join('\n')}\n${close}\n`;
    });
}

export const xesFile: fc.Arbitrary<GeneratedFile> = cleanOrHostile((mix) =>
  fc
    .tuple(xes(mix), mangle(mix), packing(mix))
    .map(([text, m, how]) => pack('log.xes', applyMangle(text, m), how)),
);
