export { findProvince } from './provinces.js';
