import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as fr from '@zxcvbn-ts/language-fr';
import * as en from '@zxcvbn-ts/language-en';
const sfx=(d,s)=>Object.fromEntries(Object.entries(d).map(([k,v])=>[k+s,v]));
const ml = Number(process.argv[2]);
zxcvbnOptions.setOptions({ maxLength: ml, translations: fr.translations, graphs: common.adjacencyGraphs, dictionary: { ...common.dictionary, ...sfx(en.dictionary,'-en'), ...fr.dictionary } });
const ui=['inaya.michel','inaya','michel','1988','04','12','19880412'];
const cands = ['Pa$$w0rd','P@$$w0rd','4$$3$$1!','@@@@','$1$1','|3|_|','4bc$','a$','$','p4$$w0rd!','@','1@3$'];
let worst=0;
for (const base of cands) { const p = base.repeat(200).slice(0,128); let t=Date.now(); const r=zxcvbn(p, ui); const d=Date.now()-t; worst=Math.max(worst,d); console.log(ml, base, r.score, d+'ms'); }
console.log('worst', worst);
