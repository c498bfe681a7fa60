/**
 * Content digests that an auditor can recompute with any SHA-256 tool: the kernel's canonical
 * JSON (keys sorted at every depth, no insignificant whitespace), hashed as UTF-8.
 */
export { canonicalJson, sha256Digest, type Sha256Digest } from '@lastri/kernel';
