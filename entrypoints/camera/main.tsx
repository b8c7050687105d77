import { render } from 'preact';
import { CameraPermission } from '@/lib/ui/pose/CameraPermission';

render(<CameraPermission />, document.getElementById('app')!);
