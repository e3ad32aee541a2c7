// An SVG's size read from its root element as text: width and height, a viewBox's proportions, and
// nothing from a file that declares entities or has no <svg> element.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drawingSize } from '../../src/images/drawing-size.js';

describe('drawingSize', () => {
  it('reads width and height in pixels', () => {
    assert.deepEqual(drawingSize('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 240" width="240" height="240">'), { width: 240, height: 240 });
    assert.deepEqual(drawingSize("<?xml version='1.0'?>\n<!-- a logo --><svg width='120px' height='40.4px'>"), { width: 120, height: 40 });
  });

  it("takes what is missing from the viewBox's proportions", () => {
    assert.deepEqual(drawingSize('<svg viewBox="0 0 300 150">'), { width: 300, height: 150 });
    assert.deepEqual(drawingSize('<svg width="600" viewBox="0,0,300,150">'), { width: 600, height: 300 });
    assert.deepEqual(drawingSize('<svg width="100%" height="100%" viewBox="0 0 64 32">'), { width: 64, height: 32 });
  });

  it('gives nothing for a file without a size, without an svg element, or declaring entities', () => {
    assert.equal(drawingSize('<svg width="10em" height="2em">'), undefined);
    assert.equal(drawingSize('<html><body>'), undefined);
    assert.equal(drawingSize('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg width="10" height="10">'), undefined);
    assert.equal(drawingSize('<!-- <svg width="5" height="5"> --><svg>'), undefined);
  });
});
