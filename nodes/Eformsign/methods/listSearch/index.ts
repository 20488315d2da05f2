export { searchDocuments } from './documents';
