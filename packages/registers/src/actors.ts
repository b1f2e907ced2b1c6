// The register actors alone: the module worker nodes import to host them (no tooling, no checker).
export { CpRegister } from './cp/cp-register.ts';
export { ApRegister } from './ap/ap-register.ts';
