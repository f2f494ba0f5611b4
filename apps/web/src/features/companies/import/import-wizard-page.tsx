import { PageHeader } from '../../../components/page-header';

/** Placeholder until the page lands. */
export default function ImportWizardPage() {
  return <PageHeader title="import" />;
}
