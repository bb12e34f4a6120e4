// Runs the script of an HTML page written by `sbd diagram --format html` in
// jsdom and drives it as a user would: a click on a box, a wheel turn, a
// drag. jsdom has no layout engine, so the SVG geometry calls the page makes
// (getScreenCTM, createSVGPoint, getBoundingClientRect) are given an
// identity mapping. Prints what the page shows, as JSON.
// Usage: node html_page.mjs FILE NODE_ID
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const [file, nodeId] = process.argv.slice(2);
const errors = [];
const dom = new JSDOM(readFileSync(file, 'utf8'), {
  runScripts: 'dangerously',
  beforeParse(window) {
    const identity = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0, inverse() { return identity; } };
    window.SVGElement.prototype.getScreenCTM = () => identity;
    window.SVGElement.prototype.createSVGPoint = () => ({
      x: 0, y: 0, matrixTransform() { return { x: this.x, y: this.y }; },
    });
    window.addEventListener('error', (e) => errors.push(String(e.message)));
  },
});
const { window } = dom;
const doc = window.document;
const svg = doc.querySelector('#sbd-view svg');
const panel = doc.getElementById('sbd-panel');
const fire = (target, type, init) => {
  const ev = new window.MouseEvent(type, { bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(ev);
};
const result = { errors };
result.panelBefore = panel.textContent;
result.viewBoxBefore = svg.getAttribute('viewBox');

const node = [...doc.querySelectorAll('g.node')].find((g) => g.getAttribute('data-id') === nodeId);
const shape = node.querySelector('path, rect');
fire(shape, 'pointerdown', { clientX: 10, clientY: 10 });
fire(svg, 'pointerup', { clientX: 10, clientY: 10 });
result.panelTitle = panel.querySelector('h2') ? panel.querySelector('h2').textContent : null;
result.panelText = panel.textContent;
result.properties = [...panel.querySelectorAll('tr')].map((tr) => [...tr.children].map((td) => td.textContent));
result.selected = [...doc.querySelectorAll('g.node.selected')].map((g) => g.getAttribute('data-id'));
result.litEdges = [...doc.querySelectorAll('g.edge.lit')].map((g) => g.id);
result.links = [...panel.querySelectorAll('a')].map((a) => a.textContent);

// Following a link in the panel selects that node.
const link = panel.querySelector('a');
if (link) {
  link.click();
  result.afterLink = panel.querySelector('h2').textContent;
}

const wheel = new window.WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY: -100, clientX: 100, clientY: 50 });
svg.dispatchEvent(wheel);
result.viewBoxAfterZoom = svg.getAttribute('viewBox');

fire(svg, 'pointerdown', { clientX: 100, clientY: 100 });
fire(svg, 'pointermove', { clientX: 160, clientY: 130 });
fire(svg, 'pointerup', { clientX: 160, clientY: 130 });
result.viewBoxAfterDrag = svg.getAttribute('viewBox');
result.selectedAfterDrag = [...doc.querySelectorAll('g.node.selected')].map((g) => g.getAttribute('data-id'));

// A click on the background clears the selection.
fire(svg.querySelector('.sbd-background'), 'pointerdown', { clientX: 1, clientY: 1 });
fire(svg, 'pointerup', { clientX: 1, clientY: 1 });
result.selectedAfterBackground = [...doc.querySelectorAll('g.node.selected')].map((g) => g.getAttribute('data-id'));

doc.getElementById('sbd-fit').click();
result.viewBoxAfterFit = svg.getAttribute('viewBox');
console.log(JSON.stringify(result));
